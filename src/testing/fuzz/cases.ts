/**
 * A fuzz case: a recipe (plain data, printed on a violation) and the two files it makes, a scenario
 * and the model it names (model.yaml beside it). Four cases in five mutate a shipped scenario or its
 * model; one in five is a generated pair, valid by construction.
 */
import fc from "fast-check";
import { preparedBases } from "./bases.js";
import { generatedFilesArb } from "./generate.js";
import { HOSTILE_TEXTS, LONG_ID } from "./hostile.js";
import { mutateFile, renameEverywhere, textMutationArb, treeMutationArb, type TextMutation, type TreeMutation } from "./mutate.js";

export type CaseRecipe =
  | {
      readonly kind: "mutated";
      readonly base: number;
      readonly target: "scenario" | "model";
      readonly rename: { readonly at: number; readonly to: string } | null;
      readonly tree: ReadonlyArray<TreeMutation>;
      readonly text: ReadonlyArray<TextMutation>;
    }
  | { readonly kind: "generated"; readonly scenario: string; readonly model: string };

export interface CaseFiles {
  /** Where the case came from, for messages: a shipped scenario's path, or "generated". */
  readonly origin: string;
  readonly scenario: Buffer;
  readonly model: Buffer;
  readonly modelMutated: boolean;
}

const mutatedArb: fc.Arbitrary<CaseRecipe> = fc.record({
  kind: fc.constant("mutated" as const),
  base: fc.nat(),
  target: fc.constantFrom("scenario" as const, "scenario" as const, "scenario" as const, "model" as const),
  // a renamed identifier keeps the files consistent: mostly accepted, and the new name reaches the reports
  rename: fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.record({ at: fc.nat(), to: fc.constantFrom<string>(...HOSTILE_TEXTS, LONG_ID, LONG_ID, "x", "a.b:c", "9", "A-_.:z") }) },
  ),
  tree: fc.oneof({ weight: 3, arbitrary: fc.array(treeMutationArb, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(treeMutationArb, { minLength: 0, maxLength: 3 }) }),
  text: fc.oneof({ weight: 5, arbitrary: fc.constant<TextMutation[]>([]) }, { weight: 1, arbitrary: fc.array(textMutationArb, { minLength: 1, maxLength: 1 }) }),
});

const generatedArb: fc.Arbitrary<CaseRecipe> = generatedFilesArb.map((f) => ({ kind: "generated" as const, ...f }));

/** Any case. */
export const caseRecipeArb: fc.Arbitrary<CaseRecipe> = fc.oneof({ weight: 4, arbitrary: mutatedArb }, { weight: 1, arbitrary: generatedArb });

/** The files of a recipe. */
export function caseFiles(recipe: CaseRecipe): CaseFiles {
  if (recipe.kind === "generated") return { origin: "generated", scenario: Buffer.from(recipe.scenario), model: Buffer.from(recipe.model), modelMutated: false };
  const bases = preparedBases();
  const base = bases[recipe.base % bases.length]!;
  let [scenario, model] = [base.scenario, base.model];
  if (recipe.rename !== null) [scenario, model] = renameEverywhere([scenario, model], recipe.rename.at, recipe.rename.to) as [string, string];
  const mutate = (text: string) => mutateFile(text, recipe.tree, recipe.text);
  return recipe.target === "scenario"
    ? { origin: base.source, scenario: mutate(scenario), model: Buffer.from(model), modelMutated: false }
    : { origin: base.source, scenario: Buffer.from(scenario), model: mutate(model), modelMutated: true };
}
