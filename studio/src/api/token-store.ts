const KEY = "switchboard.studio.token";

/**
 * The admin token for this tab. Kept in sessionStorage: it survives a reload, not the closing
 * of the tab, and no other site can read it.
 */
export const tokenStore = {
  read: (): string | undefined => sessionStorage.getItem(KEY) ?? undefined,
  write: (token: string) => sessionStorage.setItem(KEY, token),
  clear: () => sessionStorage.removeItem(KEY),
};
