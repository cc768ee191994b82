export async function seedDemo(_ctx: unknown, _o: unknown): Promise<string> {
  return 'pending';
}
