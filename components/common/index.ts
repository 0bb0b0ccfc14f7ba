/** Small helpers every component may import: validation, naming, protection. */
export { ArgsError, Problems, assertValid, collectProblems, known, validateArgs } from "./validation";
export { KMS_ALIAS_NAME, S3_BUCKET_NAME, nameTag, physicalName } from "./naming";
export { PROTECTIONS, statefulOptions, type Protection } from "./protection";
export { cidrsOverlap, formatCidr, parseCidr, type Cidr } from "./cidr";
