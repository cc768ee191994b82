import type { PresetPreview } from '@kefu/contracts/calendars';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import { buildPreset, findPresetOrThrow, parseYears } from '../calendar-presets.js';
import { workspaceTimeZone } from '../calendars.repository.js';
import { checkSpec } from './calendar-changes.js';

/** The spec a preset would give for the years (default: this year and next); nothing is stored. */
export async function previewPreset(ctx: AppContext, actor: Actor, presetId: string, years: string | undefined): Promise<PresetPreview> {
  const preset = findPresetOrThrow(presetId);
  const list = parseYears(years, ctx.clock.now());
  const built = buildPreset(preset, { years: list, fallbackTimeZone: await workspaceTimeZone(ctx.database.db, actor.workspaceId) });
  return { ...built, spec: checkSpec(built.spec) };
}
