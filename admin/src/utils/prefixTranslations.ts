export const prefixTranslations = (data: Record<string, string>, pluginId: string) =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${pluginId}.${key}`, value]));
