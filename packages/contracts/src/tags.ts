import { Type, type Static } from '@sinclair/typebox';

/** A ticket tag as stored: no spaces or commas, at most 64 characters (tickets keep them lowercase). */
export const TagName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\s,]+$' });

export const TagCount = Type.Object({ tag: Type.String(), count: Type.Integer() });
export type TagCount = Static<typeof TagCount>;

export const ListTagsQuery = Type.Object(
  {
    /** Only tags containing this text (case-insensitive). */
    q: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type ListTagsQuery = Static<typeof ListTagsQuery>;

export const TagList = Type.Object({ items: Type.Array(TagCount) });
export type TagList = Static<typeof TagList>;

export const RenameTagRequest = Type.Object({ from: TagName, to: TagName }, { additionalProperties: false });
export type RenameTagRequest = Static<typeof RenameTagRequest>;

export const DeleteTagRequest = Type.Object({ tag: TagName }, { additionalProperties: false });
export type DeleteTagRequest = Static<typeof DeleteTagRequest>;

/** How many tickets a rename or delete changed. */
export const TagChangeResult = Type.Object({ updated: Type.Integer() });
export type TagChangeResult = Static<typeof TagChangeResult>;
