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
}
