using System.Globalization;
using System.Net;
using System.Text;

namespace QrAspire.LoadTests.Reports;

/// <summary>
/// A minimal line chart as inline SVG (no scripts, no external assets, so the page opens from a CI artifact as is).
/// Each series is a list of (x, y); an optional dashed horizontal line marks a gate when it falls within the chart.
/// </summary>
internal static class SvgChart
{
    private const int Width = 640, Height = 260, Left = 60, Right = 20, Top = 20, Bottom = 40;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#555555", "#2ca02c"];

    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> series,
        Func<double, string> xTick, (string Label, double Y)? marker = null, Func<double, string>? yTick = null)
    {
        yTick ??= Numbers.Ms;
        var all = series.SelectMany(s => s.Points).ToList();
        if (all.Count == 0)
        {
            return "<p>(no data)</p>";
        }

        var (minX, maxX) = (all.Min(p => p.X), all.Max(p => p.X));
        var maxY = all.Max(p => p.Y);
        // Show the gate only when it is near the data: a 100 ms line over 2 ms latencies would flatten them to nothing.
        var showMarker = marker is { } m && m.Y <= maxY * 1.5;
        if (showMarker)
        {
            maxY = Math.Max(maxY, marker!.Value.Y);
        }

        maxY = maxY <= 0 ? 1 : maxY * 1.1;
        maxX = maxX <= minX ? minX + 1 : maxX;
        double Px(double x) => Left + ((x - minX) / (maxX - minX) * (Width - Left - Right));
        double Py(double y) => Height - Bottom - (y / maxY * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var y = maxY * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Py(y):F1}\" y2=\"{Py(y):F1}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Py(y) + 4:F1}\" font-size=\"11\" text-anchor=\"end\">{WebUtility.HtmlEncode(yTick(y))}</text>");
        }

        for (var i = 0; i <= 5; i++)
        {
            var x = minX + ((maxX - minX) * i / 5);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Px(x):F1}\" y=\"{Height - Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{WebUtility.HtmlEncode(xTick(x))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Width + Left) / 2}\" y=\"{Height - 6}\" font-size=\"12\" text-anchor=\"middle\">{WebUtility.HtmlEncode(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{Height / 2}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Height / 2})\">{WebUtility.HtmlEncode(yLabel)}</text>");
        if (showMarker)
        {
            var (label, y) = marker!.Value;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Py(y):F1}\" y2=\"{Py(y):F1}\" stroke=\"#d62728\" stroke-dasharray=\"6 4\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right - 4}\" y=\"{Py(y) - 4:F1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#d62728\">{WebUtility.HtmlEncode(label)}</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var points = string.Join(' ', series[s].Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Px(p.X):F1},{Py(p.Y):F1}")));
            var colour = Colours[s % Colours.Length];
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{points}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 8 + (s * 90)}\" y=\"{Top + 14}\" font-size=\"11\" fill=\"{colour}\">■ {WebUtility.HtmlEncode(series[s].Name)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
