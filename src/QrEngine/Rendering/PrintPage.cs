using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// A PDF page or EPS bounding box in points (72 to the inch): the trim (the code, quiet zone included, and its frame if
/// it has one), the bleed around it and the margin that holds the crop marks. Without print options the page is the
/// trim, the image's pixels at <c>Dpi</c>; with a print width the code is that wide and its frame grows in proportion.
/// </summary>
/// <param name="TrimWidth">Width of the trimmed image.</param>
/// <param name="TrimHeight">Height of the trimmed image.</param>
/// <param name="Scale">Points per pixel of the image (<c>QrLayout.CanvasWidth</c> pixels span <paramref name="TrimWidth"/>).</param>
/// <param name="Bleed">How far the background reaches beyond the trim on each side.</param>
/// <param name="Margin">From the page's edge to the trim: the bleed, or the crop marks' room.</param>
/// <param name="CropMarks">Whether crop marks are drawn.</param>
/// <param name="Cmyk">Whether colours are written as DeviceCMYK.</param>
/// <param name="IsPrint">Whether the style has print options: trim and bleed boxes are written, the origin moved by the margin.</param>
internal readonly record struct PrintPage(double TrimWidth, double TrimHeight, double Scale, double Bleed, double Margin, bool CropMarks, bool Cmyk, bool IsPrint)
{
    /// <summary>From the trim to a crop mark's start: InDesign's default offset, 1/12 in, or the bleed when that is wider.</summary>
    public const double MarkOffset = 6;

    /// <summary>A crop mark's length: 1/4 in, as page-layout programs draw them.</summary>
    public const double MarkLength = 18;

    /// <summary>A crop mark's line width: a quarter point, the hairline printers expect.</summary>
    public const double MarkWidth = 0.25;

    /// <summary>Width of the whole page (media box, bounding box).</summary>
    public double MediaWidth => TrimWidth + (2 * Margin);

    /// <summary>Height of the whole page (media box, bounding box).</summary>
    public double MediaHeight => TrimHeight + (2 * Margin);

    /// <summary>Where a crop mark starts, from the trim.</summary>
    public double MarkStart => Math.Max(MarkOffset, Bleed);

    public static PrintPage Of(QrLayout layout)
    {
        var style = layout.Style;
        var code = style.Print?.Width is { } width ? width * style.Print.InchesPerUnit * 72 : style.Size * 72.0 / style.Dpi;
        var scale = code / style.Size;
        var (trimWidth, trimHeight) = (layout.CanvasWidth * scale, layout.CanvasHeight * scale);
        if (style.Print is not { } print)
        {
            return new(trimWidth, trimHeight, scale, 0, 0, false, false, false);
        }

        var bleed = print.Bleed * print.InchesPerUnit * 72;
        var margin = print.CropMarks ? Math.Max(MarkOffset, bleed) + MarkLength : bleed;
        return new(trimWidth, trimHeight, scale, bleed, margin, print.CropMarks, print.ColourSpace == PrintColourSpace.Cmyk, true);
    }

    /// <summary>The code's box's top-left corner on the trim, y up (the trim's own without a frame).</summary>
    public (double Left, double Top) CodeCorner(QrLayout layout) =>
        (layout.Frame?.CodeX * Scale ?? 0, TrimHeight - (layout.Frame?.CodeY * Scale ?? 0));

    /// <summary>One module's side.</summary>
    public double Unit(QrLayout layout) => layout.Style.Size * Scale / layout.TotalModules;

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

        var page = Of(layout);
        if (Math.Max(page.MediaWidth, page.MediaHeight) > QrPrint.MaxPagePoints)
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
