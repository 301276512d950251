/** Passwords are argon2id hashes, made and checked by Bun. */
const OPTIONS = { algorithm: "argon2id" } as const;

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, OPTIONS);
}

// Verified against when there is no account, so a wrong email takes as long as a wrong password.
let decoy: Promise<string> | undefined;

/** Whether the password matches the hash; with no hash, spends the same time and says no. */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  decoy ??= hashPassword(crypto.randomUUID());
  const against = hash ?? (await decoy);
  const matches = await Bun.password.verify(password, against).catch(() => false);
  return hash !== null && matches;
}
