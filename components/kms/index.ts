export { Keys, keysArgsProblems, type KeysArgs, type KeyOutputs } from "./keys";
export { KEY_DOMAINS, DOMAIN_DESCRIPTIONS, type KeyDomain } from "./domains";
export { keyPolicy, type KeyPolicyDocument, type PolicyScope, type PolicyStatement } from "./policy";
