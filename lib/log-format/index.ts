/**
 * What the project knows about the formats of database and guest-agent logs: which format a log is
 * in, the time and severity a line states, and where multi-line entries begin. Pure functions, no
 * server dependencies: the server's publisher and readers and the browser use the same rules.
 */
export { chooseFormat, type LogFormat } from "./formats";
export { lineTime, timeCarrier } from "./line-time";
export { lineSeverity } from "./line-severity";
export { startsEntry } from "./entry-start";
