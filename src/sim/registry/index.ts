export * from "./catalog";
export * from "./digest";
export * from "./reference";
export * from "./registryHub";
