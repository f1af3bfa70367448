export * from "./errors";
export * from "./services";
export * from "./types";
