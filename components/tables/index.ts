export {
  Tables,
  tablesArgsProblems,
  type TablesArgs,
  type TableSpec,
  type TableOutputs,
  type KeyAttribute,
  type StreamView,
} from "./tables";
