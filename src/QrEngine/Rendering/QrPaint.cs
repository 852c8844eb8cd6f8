using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>What one part of the code is filled with: a solid colour, or the style's gradient when it has one.</summary>
/// <param name="Colour">The solid colour (ignored when <paramref name="Gradient"/> is set).</param>
/// <param name="Gradient">The gradient, or null.</param>
internal readonly record struct QrPaint(QrColour Colour, QrGradient? Gradient)
{
    /// <summary>The dark modules' paint.</summary>
    public static QrPaint Modules(QrStyle style) => new(style.Foreground, style.Gradient);

    /// <summary>The eyes' frames: their own colour, or the modules' paint.</summary>
    public static QrPaint Frames(QrStyle style) => style.EyeFrameColour is { } colour ? new(colour, null) : Modules(style);

    /// <summary>The eyes' balls: their own colour, or the modules' paint.</summary>
    public static QrPaint Balls(QrStyle style) => style.EyeBallColour is { } colour ? new(colour, null) : Modules(style);
}
