namespace QrAspire.QrEngine.Styling;

/// <summary>How the data modules are drawn.</summary>
public enum ModuleShape
{
    /// <summary>Plain squares (the fastest path, crisp at any size).</summary>
    Square,

    /// <summary>Squares whose outer corners are rounded where no neighbour continues them.</summary>
    Rounded,

    /// <summary>A round dot per module (90% of the module's width).</summary>
    Dots,

    /// <summary>A separate square with rounded corners per module (90% of the module's width).</summary>
    RoundedSquare,

    /// <summary>A leaf per module: top-right and bottom-left corners fully rounded.</summary>
    Leaf,

    /// <summary>A diamond per module, its points touching the module's edges.</summary>
    Diamond,

    /// <summary>Joined like <see cref="Rounded"/>, but only top-left and bottom-right outer corners are rounded.</summary>
    Classy,
}

/// <summary>How the three finder patterns (the "eyes") are drawn.</summary>
public enum EyeShape
{
    /// <summary>The standard square rings.</summary>
    Square,

    /// <summary>Rings and centres with rounded corners.</summary>
    Rounded,

    /// <summary>Circular rings with a round centre.</summary>
    Circle,

    /// <summary>Rings and centres with all four corners rounded (the centre-facing one too).</summary>
    RoundedSquare,

    /// <summary>The two corners off the diagonal through the symbol's centre strongly rounded.</summary>
    Leaf,

    /// <summary>Only the outward corner (away from the symbol's centre) strongly rounded.</summary>
    Classy,
}
