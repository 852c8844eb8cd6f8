using QrAspire.LoadTests.Config;

namespace QrAspire.LoadTests;

/// <summary>
/// The command line: --config FILE (required), --api URL, --redirector URL (loopback only), --codes-file FILE (short
/// codes, skips seeding), --save-codes FILE (writes the seeded short codes, one per line, e.g. for wrk), --out DIR
/// (default loadtests/runs/&lt;profile&gt;-&lt;time&gt;), --rss NAME=PID (repeatable), --floor URL (the bare app that
/// answers every /{code} with a constant 302, loopback only: each redirect scenario is measured beside it), --mail-dir
/// DIR (the Worker's development mail folder, where seeding finds the account's verification mail), --api-management URL
/// (the Api's management port: /health), --redirector-replica URL (one Redirector replica, for raw hostile
/// connections), --memory-limit NAME=MiB (repeatable: a process above its limit fails the run).
/// </summary>
public sealed record RunOptions(string Config, Uri? Api, Uri? Redirector, string? CodesFile, string? Out, IReadOnlyDictionary<string, int> Rss,
    string? SaveCodes = null, Uri? Floor = null, string? MailDir = null)
{
    /// <summary>The Api's management address (<c>--api-management</c>): where the health scenario asks <c>/health</c>.</summary>
    public Uri? ApiManagement { get; init; }

    /// <summary>One Redirector replica, not its proxy (<c>--redirector-replica</c>): what the hostile-connection scenarios hold open.</summary>
    public Uri? RedirectorReplica { get; init; }

    /// <summary>Memory limits in MiB by process name (<c>--memory-limit NAME=MiB</c>, names as in <c>--rss</c>).</summary>
    public IReadOnlyDictionary<string, double> MemoryLimits { get; init; } = new Dictionary<string, double>();

    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        string? config = null, codesFile = null, output = null, saveCodes = null, mailDir = null;
        Uri? api = null, redirector = null, floor = null, apiManagement = null, redirectorReplica = null;
        var rss = new Dictionary<string, int>(StringComparer.Ordinal);
        var limits = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ProfileException([$"{args[i]}: needs a value"]);
            switch (args[i])
            {
                case "--config": config = value; break;
                case "--api": api = LoopbackTarget.Parse("--api", value); break;
                case "--redirector": redirector = LoopbackTarget.Parse("--redirector", value); break;
                case "--floor": floor = LoopbackTarget.Parse("--floor", value); break;
                case "--codes-file": codesFile = value; break;
                case "--out": output = value; break;
                case "--save-codes": saveCodes = value; break;
                case "--mail-dir": mailDir = value; break;
                case "--api-management": apiManagement = LoopbackTarget.Parse("--api-management", value); break;
                case "--redirector-replica": redirectorReplica = LoopbackTarget.Parse("--redirector-replica", value); break;
                case "--memory-limit":
                    var limit = value.Split('=', 2);
                    limits[limit[0]] = limit.Length == 2 && double.TryParse(limit[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var mib) && mib > 0
                        ? mib
                        : throw new ProfileException([$"--memory-limit: '{value}' is not NAME=MiB"]);
                    break;
                case "--rss":
                    var parts = value.Split('=', 2);
                    rss[parts[0]] = parts.Length == 2 && int.TryParse(parts[1], out var pid) && pid > 0
                        ? pid
                        : throw new ProfileException([$"--rss: '{value}' is not NAME=PID"]);
                    break;
                default: throw new ProfileException([$"unknown option '{args[i]}' (known: --config --api --redirector --floor --codes-file --save-codes --mail-dir --out --rss --api-management --redirector-replica --memory-limit)"]);
            }

            i++;
        }

        return config is null
            ? throw new ProfileException(["--config: required (e.g. --config loadtests/profiles/ci.json)"])
            : new RunOptions(config, api, redirector, codesFile, output, rss, saveCodes, floor, mailDir)
            {
                ApiManagement = apiManagement,
                RedirectorReplica = redirectorReplica,
                MemoryLimits = limits,
            };
    }
}
