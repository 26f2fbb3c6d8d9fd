// Each guided step's tables, found by the step's name: ui/src/views/steps/step-<id>.ts.
import type { StepId } from "../../steps";
import type { Spec } from "../columns";
import { specs as step1_2 } from "./step-1-2";
import { specs as step1_3 } from "./step-1-3";
import { specs as step1_4 } from "./step-1-4";
import { specs as step1_5 } from "./step-1-5";
import { specs as step1_7 } from "./step-1-7";
import { specs as step2_1 } from "./step-2-1";
import { specs as step2_2 } from "./step-2-2";
import { specs as step3 } from "./step-3";

/** The tables of `step` (none for the steps drawn otherwise). */
export function specsFor(step: StepId): Spec[] {
  switch (step) {
    case "1-2":
      return step1_2();
    case "1-3":
      return step1_3();
    case "1-4":
      return step1_4();
    case "1-5":
      return step1_5();
    case "1-7":
      return step1_7();
    case "2-1":
      return step2_1();
    case "2-2":
      return step2_2();
    case "3":
      return step3();
    default:
      return [];
  }
}
