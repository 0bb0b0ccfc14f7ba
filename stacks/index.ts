// Entry point for the Pulumi CLI (`main` in Pulumi.yaml). The program itself is stacks/main.ts.
import { main } from "./main";

export = main();
