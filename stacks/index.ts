// Entry point for the Pulumi CLI (`main` in Pulumi.yaml). The program itself is stacks/main.ts.
import { main } from "./main";

// A real engine: the stack file's account ids must be real (placeholders are for offline plans).
export = main({ accounts: "real" });
