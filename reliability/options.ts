/** Command-line options shared by the reliability scripts. */
import { InvalidArgumentError } from "commander";

export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError("Not a positive integer.");
  return value;
}
