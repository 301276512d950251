/**
 * Which version of a flow a request means: a number, `published`, `latest` (saved), or `draft`
 * (the work in progress, which is the latest version when there is no draft).
 */
export type VersionRef = number | "draft" | "published" | "latest";
