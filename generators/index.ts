export { defineProcess, type ProcessDefinition } from './processDefinition.js';
export { createProcessGenerator, findProcess, GeneratorsSettings, isProcessName, type ProcessName, type ProcessSettings, processes, processRegistry } from './registry.js';
