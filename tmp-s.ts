import { scenarioJsonSchemas } from "./src/scenario/index.js";
const s = scenarioJsonSchemas();
import { writeFileSync } from "node:fs";
writeFileSync("/tmp/scen.json", s.scenario); writeFileSync("/tmp/model.json", s.model);
