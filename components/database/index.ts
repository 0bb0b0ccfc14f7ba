export { AuroraCluster, clusterParameters } from "./aurora";
export { auroraArgsProblems, SUPPORTED_MAJORS, type AuroraArgs } from "./args";
