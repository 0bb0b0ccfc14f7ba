/**
 * siteConfig properties ARM rejects on Flex Consumption sites (ARM 51021, "The following site
 * configuration property (Site.SiteConfig.<Name>) for Flex Consumption sites is invalid. Please
 * remove or rename it before retrying"), whoever sends them: a WebApp's siteConfig or a PUT of the
 * site's config/web. Microsoft says the rejection is intended in every region.
 *
 * Sources: pulumi/pulumi-azure-native#4168 (NetFrameworkVersion), Azure/azure-cli#31414 (FtpsState,
 * Use32BitWorkerProcess, PreWarmedInstanceCount, NetFrameworkVersion,
 * FunctionsRuntimeScaleMonitoringEnabled), Azure/terraform-azurerm-avm-res-web-site#345
 * (LinuxFxVersion, alwaysOn), Azure/azure-functions-host#10643 (FunctionAppScaleLimit).
 * windowsFxVersion: Flex is Linux-only.
 */
export const FLEX_REJECTED_SITE_CONFIG = [
  "netFrameworkVersion",
  "ftpsState",
  "use32BitWorkerProcess",
  "preWarmedInstanceCount",
  "functionsRuntimeScaleMonitoringEnabled",
  "linuxFxVersion",
  "windowsFxVersion",
  "alwaysOn",
  "functionAppScaleLimit",
] as const;
