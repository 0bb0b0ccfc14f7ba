import { inputsPolicy } from "../../lib/inputs-policy";
import { asArray, asObject, asString, at } from "../../lib/props";

/** ELB policies that refuse TLS 1.0 and 1.1 (TLS13-*, TLS-1-2-*, FS-1-2-*). */
export function isModernElbPolicy(policy: string | undefined): boolean {
  return policy !== undefined && /^ELBSecurityPolicy-(TLS13-|TLS-1-2-|FS-1-2-)/.test(policy);
}

export const loadBalancerTls = inputsPolicy({
  name: "load-balancer-tls",
  description: "Load balancer listeners serve TLS 1.2 or newer; plain HTTP listeners only redirect to HTTPS.",
  pci: ["4.2.1"],
  types: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
  fix:
    "HTTPS/TLS listeners: sslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06 (or another " +
    "TLS13/TLS-1-2/FS-1-2 policy). HTTP listeners: a single redirect action to HTTPS.",
  covers: {
    checkov: ["CKV_AWS_2", "CKV_AWS_103"],
    cdkNag: ["PCIDSS321ALBHttpToHttpsRedirection", "PCIDSS321ELBTlsHttpsListenersOnly"],
  },
  problems: (props) => {
    const protocol = asString(props["protocol"])?.toUpperCase() ?? "HTTP";
    const policy = asString(props["sslPolicy"]);
    if (protocol === "HTTPS" || protocol === "TLS") {
      return isModernElbPolicy(policy)
        ? []
        : [
            `Listener allows TLS older than 1.2 (sslPolicy ` +
              `${policy ?? "unset, i.e. ELBSecurityPolicy-2016-08"}): set sslPolicy to ` +
              `ELBSecurityPolicy-TLS13-1-2-2021-06.`,
          ];
    }
    if (protocol === "HTTP") {
      const actions = asArray(props["defaultActions"]).map((a) => asObject(a));
      const redirectsOnly =
        actions.length > 0 &&
        actions.every(
          (a) => a?.["type"] === "redirect" && asString(at(a, "redirect.protocol"))?.toUpperCase() === "HTTPS",
        );
      return redirectsOnly
        ? []
        : ["HTTP listener serves traffic in clear text: make its only default action a redirect to HTTPS."];
    }
    return [];
  },
});
