import { readFileSync } from "node:fs";
import type { Project } from "../src/model";

export function sample(name: "food-plant" | "electronics-line"): Project {
  return JSON.parse(readFileSync(new URL(`../../samples/${name}.json`, import.meta.url), "utf8")) as Project;
}
