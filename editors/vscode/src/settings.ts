// The extension's settings as the server receives them: `initializationOptions` at start and
// `workspace/didChangeConfiguration` afterwards, plus the process environment. Free of the
// `vscode` module so the unit tests run under plain node.

/** Reads one setting under `go-analyzer.` (VS Code's `WorkspaceConfiguration.get`). */
export type SettingReader = <T>(key: string, fallback: T) => T;

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerSettings {
    analyses: Record<string, boolean>;
    build: { tags: string[]; env: Record<string, string> };
    inlayHints: { enable: boolean; parameterNames: boolean; variableTypes: boolean; constantValues: boolean };
    semanticTokens: { enable: boolean };
    logLevel: LogLevel;
}

/** Settings whose change only a new server process can apply (they shape its environment). */
export const RESTART_SETTINGS = [
    'go-analyzer.server.path',
    'go-analyzer.server.extraEnv',
    'go-analyzer.server.logLevel',
    'go-analyzer.build.env',
] as const;

function stringMap(value: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) {
            // settings.json is hand-written: a number or boolean is meant as its text.
            if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
                out[k] = String(v);
            }
        }
    }
    return out;
}

export function readSettings(get: SettingReader): ServerSettings {
    const analyses: Record<string, boolean> = {};
    const rawAnalyses = get<unknown>('analyses', {});
    if (rawAnalyses !== null && typeof rawAnalyses === 'object') {
        for (const [name, on] of Object.entries(rawAnalyses)) {
            if (typeof on === 'boolean') {
                analyses[name] = on;
            }
        }
    }
    const tags = get<unknown>('build.tags', []);
    const level = get<string>('server.logLevel', 'info');
    return {
        analyses,
        build: {
            tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string' && t !== '') : [],
            env: stringMap(get<unknown>('build.env', {})),
        },
        inlayHints: {
            enable: get('inlayHints.enable', true),
            parameterNames: get('inlayHints.parameterNames', true),
            variableTypes: get('inlayHints.variableTypes', false),
            constantValues: get('inlayHints.constantValues', false),
        },
        semanticTokens: { enable: get('semanticTokens.enable', true) },
        logLevel: (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'info',
    };
}

/** The filter for `GO_ANALYZER_LOG`; salsa logs every query at debug level, so it stays quieter. */
export function logFilter(level: LogLevel): string {
    return level === 'trace' ? 'trace' : `${level},salsa=warn`;
}

/**
 * The server's environment: the editor's, then the build environment (GOOS, GOARCH, GOFLAGS,
 * CGO_ENABLED: the loader reads them from its environment), then `server.extraEnv`, which wins.
 * GO_ANALYZER_LOG comes from `server.logLevel` unless extraEnv sets it explicitly. Build tags
 * travel in the initialization options only: the go command's GOFLAGS=-tags is not something
 * the loader reads, and guessing it would pretend a feature.
 */
export function serverEnv(
    base: NodeJS.ProcessEnv,
    settings: ServerSettings,
    extraEnv: Record<string, string>,
): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...base, ...settings.build.env };
    env.GO_ANALYZER_LOG = logFilter(settings.logLevel);
    return { ...env, ...stringMap(extraEnv) };
}
