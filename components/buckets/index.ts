export { SecureBucket, secureBucketArgsProblems, type SecureBucketArgs } from "./bucket";
export { BUCKET_PROFILES, lifecycleRules, type BucketProfile } from "./profiles";
export { bucketPolicy, type BucketPolicyDocument, type BucketPolicyStatement, type DeliveryService } from "./policy";
