export { Network } from "./network";
export { networkArgsProblems, NAT_STRATEGIES, type NatStrategy, type NetworkArgs, type SubnetMasks } from "./args";
