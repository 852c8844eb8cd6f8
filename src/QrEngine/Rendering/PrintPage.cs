using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// A PDF page or EPS bounding box in points (72 to the inch): the trim (the code, quiet zone included), the bleed around
/// it and the margin that holds the crop marks. Without print options the page is the trim, <c>Size / Dpi</c> inches.
/// </summary>
/// <param name="Trim">Side of the trimmed code.</param>
/// <param name="Bleed">How far the background reaches beyond the trim on each side.</param>
/// <param name="Margin">From the page's edge to the trim: the bleed, or the crop marks' room.</param>
/// <param name="CropMarks">Whether crop marks are drawn.</param>
/// <param name="Cmyk">Whether colours are written as DeviceCMYK.</param>
/// <param name="IsPrint">Whether the style has print options: trim and bleed boxes are written, the origin moved by the margin.</param>
internal readonly record struct PrintPage(double Trim, double Bleed, double Margin, bool CropMarks, bool Cmyk, bool IsPrint)
{
    /// <summary>From the trim to a crop mark's start: InDesign's default offset, 1/12 in, or the bleed when that is wider.</summary>
    public const double MarkOffset = 6;

    /// <summary>A crop mark's length: 1/4 in, as page-layout programs draw them.</summary>
    public const double MarkLength = 18;

    /// <summary>A crop mark's line width: a quarter point, the hairline printers expect.</summary>
    public const double MarkWidth = 0.25;

    /// <summary>Side of the whole page (media box, bounding box).</summary>
    public double Media => Trim + (2 * Margin);

    /// <summary>Where a crop mark starts, from the trim.</summary>
    public double MarkStart => Math.Max(MarkOffset, Bleed);

    public static PrintPage Of(QrStyle style)
    {
        if (style.Print is not { } print)
        {
            return new(style.Size * 72.0 / style.Dpi, 0, 0, false, false, false);
        }

        var trim = print.Width is { } width ? width * print.InchesPerUnit * 72 : style.Size * 72.0 / style.Dpi;
        var bleed = print.Bleed * print.InchesPerUnit * 72;
        var margin = print.CropMarks ? Math.Max(MarkOffset, bleed) + MarkLength : bleed;
        return new(trim, bleed, margin, print.CropMarks, print.ColourSpace == PrintColourSpace.Cmyk, true);
    }

    /// <summary>
    /// Refuses a print width the content cannot be printed at: each module at least <see cref="QrPrint.MinDotsPerModule"/>
    /// dots at the style's dpi and <see cref="QrPrint.MinModuleMillimetres"/> wide, a page within
    /// <see cref="QrPrint.MaxPagePoints"/>, and for raster formats a pixel size within the style's range.
    /// </summary>
    /// <exception cref="QrEngineException"><c>qr.invalid_size</c> naming <c>style.print.width</c>.</exception>
    public static void EnsurePrintable(QrLayout layout, QrFormat format)
    {
        var style = layout.Style;
        if (style.Print is not { Width: { } width } print)
        {
            return;
        }

        var unit = print.UnitName;
        var moduleInches = width * print.InchesPerUnit / layout.TotalModules;
        var minimumModuleInches = Math.Max(QrPrint.MinDotsPerModule / (double)style.Dpi, QrPrint.MinModuleMillimetres / 25.4);
        if (moduleInches < minimumModuleInches - 1e-9)
        {
            var minimum = Math.Ceiling(minimumModuleInches * layout.TotalModules / print.InchesPerUnit * 100) / 100;
            throw new QrEngineException(QrErrorCodes.InvalidSize, "style.print.width", QrPrint.Text(
                $"{width} {unit} is too small for a version {layout.Matrix.Version} code with a {layout.QuietZone}-module quiet zone ({layout.TotalModules} modules) at {style.Dpi} dpi; print it at least {minimum} {unit} wide (each module at least {QrPrint.MinDotsPerModule} dots and {QrPrint.MinModuleMillimetres} mm)."));
        }

        var page = Of(style);
        if (page.Media > QrPrint.MaxPagePoints)
        {
            throw new QrEngineException(QrErrorCodes.InvalidSize, "style.print.width", QrPrint.Text(
                $"{width} {unit} with its bleed and marks is over 200 in, the largest page PDF readers open."));
        }

        if (format is QrFormat.Png or QrFormat.Jpeg or QrFormat.Webp && style.Size is < QrStyle.MinSize or > QrStyle.MaxSize)
        {
            throw new QrEngineException(QrErrorCodes.InvalidSize, "style.print.width", QrPrint.Text(
                $"{width} {unit} at {style.Dpi} dpi is {style.Size} px; raster formats take {QrStyle.MinSize} to {QrStyle.MaxSize} px: change the dpi, or use SVG, PDF or EPS."));
        }
    }
}
