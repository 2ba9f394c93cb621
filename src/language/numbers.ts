/**
 * Doubles as Fauna wrote them (Java's `Double.toString`): always with a point
 * or an exponent, so that a Double never reads back as a Long — `1.0`, `0.001`,
 * `1.5E10`, `1.0E-4` — and `NaN`, `Infinity`, `-Infinity` by name.
 */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes(".") ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${exponent.replace("+", "")}`;
}
