// Names before values: a misspelt input or flag (`max-regresion`) would otherwise be
// dropped silently, and the gate would pass without the rule the user meant to set.
import type { Mode } from '../settings.js'
import { nearestName } from './nearest.js'
import { InputError } from './reader.js'
import { DEFAULTS, INPUT_NAMES, INPUT_TABLE, inputsOf, type InputName } from './table.js'

/**
 * The inputs a workflow step set: the runner passes each `with:` entry as an INPUT_<NAME>
 * variable (upper-cased, hyphens kept), and action.yml's defaults the same way, so a value
 * equal to its default counts as not given.
 */
export function inputNamesFromEnv(env: NodeJS.ProcessEnv): string[] {
  const names: string[] = []
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('INPUT_') || value === undefined || value.trim() === '') continue
    const name = key.slice('INPUT_'.length).toLowerCase()
    if (DEFAULTS[name] !== undefined && DEFAULTS[name].toLowerCase() === value.trim().toLowerCase())
      continue
    names.push(name)
  }
  return names.sort()
}

/**
 * Refuses names that are not inputs (a typo such as `max-regresion` would otherwise be
 * dropped silently and the gate would pass without the rule), and inputs the mode does not
 * read (`endpoint-name` given to `gate` says the user expects something that will not
 * happen). `flag` prints names as CLI flags (`--name`) instead of inputs (`"name"`).
 */
export function checkInputNames(mode: Mode, names: readonly string[], flag: boolean): void {
  const show = (name: string) => (flag ? `--${name}` : `"${name}"`)
  const what = flag ? 'flag' : 'input'
  const modeInputs = inputsOf(mode)
  for (const name of names) {
    const known = (INPUT_NAMES as readonly string[]).includes(name)
    if (!known) {
      const near = nearestName(name, modeInputs) ?? nearestName(name, INPUT_NAMES)
      throw new InputError(
        name,
        `Unknown ${what} ${show(name)}${near ? `; did you mean ${show(near)}?` : '.'} Mode "${mode}" reads: ${modeInputs.join(', ')}.`
      )
    }
    const info = INPUT_TABLE[name as InputName]
    if (!info.modes.includes(mode)) {
      throw new InputError(
        name,
        `${flag ? 'Flag' : 'Input'} ${show(name)} does not apply to mode "${mode}": it is read by ${info.modes.length === 1 ? 'mode' : 'modes'} ${info.modes.join(', ')}. Remove it, or choose the mode that reads it.`
      )
    }
  }
}
