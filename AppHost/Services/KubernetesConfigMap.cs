namespace QrAspire.AppHost.Services;

/// <summary>
/// The settings of the shared ConfigMap (<c>deploy/k8s/base/config.yaml</c>, <c>qr-config</c>), read where they are
/// written so that the production shape runs with what every container gets. Reads only the shape that file uses:
/// a <c>data:</c> block of <c>KEY: value</c> lines, values plain or double-quoted, up to the next document.
/// </summary>
internal static class KubernetesConfigMap
{
    public static IReadOnlyDictionary<string, string> ReadData(IEnumerable<string> lines)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        var inData = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line == "---")
            {
                if (data.Count > 0)
                {
                    break;
                }

                inData = false;
                continue;
            }

            if (line == "data:")
            {
                inData = true;
                continue;
            }

            var text = line.TrimStart();
            if (!inData || text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            if (text.Length == line.Length)
            {
                // Back at the top level: the data block ended.
                inData = false;
                continue;
            }

            var colon = text.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                data[text[..colon]] = text[(colon + 2)..].Trim().Trim('"');
            }
        }

        return data;
    }
}
