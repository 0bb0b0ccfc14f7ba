/**
 * Operator access to the standby while AWS is down (issue 12, item 7): Azure Bastion (Premium:
 * Entra ID SSH through the native client, session recording) in AzureBastionSubnet, and a Linux
 * jump host in the management subnet with no public IP, Entra ID SSH sign-in (the
 * AADSSHLoginForLinux extension; no shared keys) and a user-assigned identity (it signs the DR
 * tooling in to Azure and, through AWS web-identity federation, to the gate region). The on-call
 * Entra group gets read roles directly and the Key Vault write roles only as PIM-eligible.
 * Every sign-in lands in Entra sign-in logs; Bastion's audit logs go to the workspace.
 */
import * as compute from "@pulumi/azure-native/compute";
import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems } from "../common";
import { sendDiagnostics } from "./diagnostics";
import { zoneRedundantPublicIp } from "./public-ip";
import { eligible, grant } from "./roles";

export interface OperatorAccessArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly subscriptionId: pulumi.Input<string>;
  readonly bastionSubnetId: pulumi.Input<string>;
  readonly managementSubnetId: pulumi.Input<string>;
  /** The standby vault: the group reads it, and may activate write roles through PIM. */
  readonly vaultId: pulumi.Input<string>;
  /** Object id of the on-call Entra group (from config). Required. */
  readonly operatorsGroupId: string;
  /** The jump host's user-assigned identity (id). */
  readonly identityId: pulumi.Input<string>;
  /** Break-glass local administrator password (stored in Key Vault; Entra sign-in is the normal path). */
  readonly adminPassword: pulumi.Input<string>;
  /** Default Standard_D2s_v5. */
  readonly vmSize?: string;
  readonly workspaceId: pulumi.Input<string>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function operatorAccessArgsProblems(
  args: Pick<OperatorAccessArgs, "operatorsGroupId" | "vmSize">,
): readonly string[] {
  return collectProblems((p) => {
    if (!GUID.test(args.operatorsGroupId))
      p.add(
        "operatorsGroupId",
        `expected the on-call Entra group's object id (a lowercase GUID); got ${JSON.stringify(args.operatorsGroupId)}`,
      );
    if (args.vmSize !== undefined && !/^Standard_[A-Za-z0-9_]+$/.test(args.vmSize))
      p.add("vmSize", `expected an Azure VM size like Standard_D2s_v5; got ${JSON.stringify(args.vmSize)}`);
  });
}

export class OperatorAccess extends pulumi.ComponentResource {
  readonly bastionName: pulumi.Output<string>;
  readonly jumpHostId: pulumi.Output<string>;
  readonly jumpHostName: pulumi.Output<string>;

  constructor(name: string, args: OperatorAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:OperatorAccess", name, {}, opts);
    assertValid("platform:azure:OperatorAccess", name, operatorAccessArgsProblems(args));
    const child = { parent: this };
    const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } };

    // Bastion's own public IP is the only one: the jump host has none.
    const ip = zoneRedundantPublicIp(`${name}-bastion-ip`, common, child);
    const bastion = new network.BastionHost(
      `${name}-bastion`,
      {
        ...common,
        sku: { name: "Premium" },
        // Native client (`az network bastion ssh --auth-type AAD`): Entra ID sign-in to Linux.
        enableTunneling: true,
        // Premium: records sessions (the recording container is attached once; see docs/components/dr.md).
        enableSessionRecording: true,
        enableShareableLink: false,
        enableIpConnect: false,
        enableKerberos: false,
        ipConfigurations: [{ name: "default", subnet: { id: args.bastionSubnetId }, publicIPAddress: { id: ip.id } }],
      },
      child,
    );
    sendDiagnostics(`${name}-bastion`, bastion.id, args.workspaceId, "logs-and-metrics", child);
    sendDiagnostics(`${name}-bastion-ip`, ip.id, args.workspaceId, "logs-and-metrics", child);

    const nic = new network.NetworkInterface(
      `${name}-jump-nic`,
      {
        ...common,
        ipConfigurations: [
          {
            name: "primary",
            primary: true,
            privateIPAllocationMethod: "Dynamic",
            subnet: { id: args.managementSubnetId },
          },
        ],
      },
      child,
    );
    const vm = new compute.VirtualMachine(
      `${name}-jump`,
      {
        ...common,
        hardwareProfile: { vmSize: args.vmSize ?? "Standard_D2s_v5" },
        identity: { type: "UserAssigned", userAssignedIdentities: [args.identityId] },
        osProfile: {
          computerName: "dr-jump",
          adminUsername: "breakglass",
          adminPassword: pulumi.secret(args.adminPassword),
          linuxConfiguration: {
            disablePasswordAuthentication: false,
            provisionVMAgent: true,
            patchSettings: { patchMode: "AutomaticByPlatform", assessmentMode: "AutomaticByPlatform" },
          },
        },
        storageProfile: {
          imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
          osDisk: {
            createOption: "FromImage",
            deleteOption: "Delete",
            managedDisk: { storageAccountType: "Premium_LRS" },
          },
        },
        networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
        securityProfile: {
          securityType: "TrustedLaunch",
          uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
          encryptionAtHost: true,
        },
        diagnosticsProfile: { bootDiagnostics: { enabled: true } },
        zones: ["1"],
      },
      child,
    );
    new compute.VirtualMachineExtension(
      `${name}-jump-entra-login`,
      {
        ...common,
        vmName: vm.name,
        publisher: "Microsoft.Azure.ActiveDirectory",
        type: "AADSSHLoginForLinux",
        typeHandlerVersion: "1.0",
        autoUpgradeMinorVersion: true,
      },
      child,
    );

    const group = {
      subscriptionId: args.subscriptionId,
      principalId: args.operatorsGroupId,
      principalType: "Group" as const,
    };
    grant(`${name}-ops-vm-login`, { ...group, role: "virtualMachineUserLogin", scope: vm.id }, child);
    for (const [role, scope] of [
      ["bastion", bastion.id],
      ["vm", vm.id],
      ["nic", nic.id],
    ] as const) {
      grant(`${name}-ops-reader-${role}`, { ...group, role: "reader", scope }, child);
    }
    // Read the vault's metadata and secret values (the runbook reads passwords); write only via PIM.
    grant(`${name}-ops-vault-reader`, { ...group, role: "keyVaultReader", scope: args.vaultId }, child);
    grant(`${name}-ops-secrets-user`, { ...group, role: "keyVaultSecretsUser", scope: args.vaultId }, child);
    eligible(
      `${name}-ops-secrets-officer`,
      {
        subscriptionId: args.subscriptionId,
        role: "keyVaultSecretsOfficer",
        scope: args.vaultId,
        groupId: args.operatorsGroupId,
      },
      child,
    );
    eligible(
      `${name}-ops-certificates-officer`,
      {
        subscriptionId: args.subscriptionId,
        role: "keyVaultCertificatesOfficer",
        scope: args.vaultId,
        groupId: args.operatorsGroupId,
      },
      child,
    );

    this.bastionName = bastion.name;
    this.jumpHostId = vm.id;
    this.jumpHostName = vm.name;
    this.registerOutputs({
      bastionName: this.bastionName,
      jumpHostId: this.jumpHostId,
      jumpHostName: this.jumpHostName,
    });
  }
}
