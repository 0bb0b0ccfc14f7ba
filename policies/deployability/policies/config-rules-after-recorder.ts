/**
 * AWS Config takes its pieces in one order: the configuration recorder, then the delivery channel
 * (PutDeliveryChannel without a recorder: NoAvailableConfigurationRecorderException), then
 * starting the recorder (StartConfigurationRecorder without a channel:
 * NoAvailableDeliveryChannelException), and rules only once a recorder exists ("You must create
 * a configuration recorder before you can create or update a Config rule",
 * NoAvailableConfigurationRecorderException) and, to evaluate anything, runs. Within one
 * provider (account and region) each piece must wait for the one before it.
 *
 * Sources: https://github.com/aws-samples/aws-devsecops-workshop/issues/7 and
 * https://github.com/aws-quickstart/quickstart-compliance-common/issues/10 (rule before recorder),
 * https://github.com/aws/aws-cdk/issues/9001 (recorder started before the delivery channel),
 * https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigRule.html.
 */
import { stackPolicy, type PolicyResource } from "../../lib/types";
import { DependencyGraph } from "../support/graph";

const RECORDER = "aws:cfg/recorder:Recorder";
const STATUS = "aws:cfg/recorderStatus:RecorderStatus";
const CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
const RULE_TYPES = ["aws:cfg/rule:Rule", "aws:cfg/conformancePack:ConformancePack"];

const providerOf = (r: PolicyResource): string => r.provider?.urn ?? "(default provider)";

export const configRulesAfterRecorder = stackPolicy({
  name: "config-rules-after-recorder",
  description:
    "AWS Config pieces are created in the order the service requires: recorder, delivery channel, recorder started, then rules and conformance packs.",
  enforcementLevel: "mandatory",
  pci: ["10.2.1", "11.5.2"],
  resourceTypes: [RECORDER, CHANNEL, STATUS, ...RULE_TYPES],
  fix:
    "Give the delivery channel dependsOn the recorder, the RecorderStatus dependsOn the " +
    "delivery channel, and every Config rule dependsOn the RecorderStatus (or the recorder " +
    "when the stack does not start it).",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const recorders = args.resources.filter((r) => r.type === RECORDER);
    if (recorders.length === 0) return; // a landing zone provides Config: nothing to order against
    const graph = new DependencyGraph(args.resources);
    const inScope = (type: string | readonly string[], provider: string) =>
      args.resources.filter((r) => [type].flat().includes(r.type) && providerOf(r) === provider);
    for (const recorder of recorders) {
      const provider = providerOf(recorder);
      const channels = inScope(CHANNEL, provider);
      const statuses = inScope(STATUS, provider);
      for (const channel of channels.filter((c) => !graph.waitsFor(c, recorder))) {
        report(
          `Delivery channel ${channel.name} may be created before recorder ${recorder.name} ` +
            `(NoAvailableConfigurationRecorderException): add ${recorder.name} to its dependsOn.`,
          channel.urn,
        );
      }
      for (const status of statuses) {
        for (const channel of channels.filter((c) => !graph.waitsFor(status, c))) {
          report(
            `RecorderStatus ${status.name} may start the recorder before delivery channel ` +
              `${channel.name} exists (NoAvailableDeliveryChannelException): add ${channel.name} to its ` +
              `dependsOn.`,
            status.urn,
          );
        }
      }
      const gate = statuses[0] ?? recorder;
      for (const rule of inScope(RULE_TYPES, provider).filter((r) => !graph.waitsFor(r, gate))) {
        report(
          `Config rule ${rule.name} may be created before ` +
            `${gate === recorder ? "recorder" : "the recorder is started by"} ${gate.name} ("You must ` +
            `create a configuration recorder before you can create or update a Config rule"): add ` +
            `${gate.name} to its dependsOn.`,
          rule.urn,
        );
      }
    }
  },
});
