using QrAspire.Platform.Protection;

namespace QrAspire.Redirector.Tests;

/// <summary>The stored form of a code's password: self-describing, salted, checked in constant time.</summary>
[Trait("Tier", "Unit")]
public sealed class CodePasswordTests
{
    [Fact]
    public void AHashVerifiesItsPasswordAndNoOther()
    {
        var hash = CodePassword.Hash("correct horse", 1_000);

        Assert.True(CodePassword.Verify("correct horse", hash));
        Assert.False(CodePassword.Verify("correct horsE", hash));
        Assert.False(CodePassword.Verify("", hash));
    }

    [Fact]
    public void TheStoredFormNamesTheAlgorithmTheIterationsAndASaltOfItsOwn()
    {
        var first = CodePassword.Hash("pässwörd 🔒");
        var second = CodePassword.Hash("pässwörd 🔒");

        var parts = first.Split('$');
        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal(CodePassword.DefaultIterations.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.NotEqual(first, second); // fresh salt each time
        Assert.True(CodePassword.Verify("pässwörd 🔒", second));
    }

    [Fact]
    public void TheIterationCountIsReadFromTheStoredHashSoItCanRiseLater()
    {
        var older = CodePassword.Hash("letmein", 2_000);
        var newer = CodePassword.Hash("letmein", 3_000);

        Assert.True(CodePassword.Verify("letmein", older));
        Assert.True(CodePassword.Verify("letmein", newer));
        Assert.False(CodePassword.Verify("letmein", older.Replace("$2000$", "$3000$", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("pbkdf2-sha1$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$-5$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$999999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    public void AMalformedHashNeverVerifies(string stored) => Assert.False(CodePassword.Verify("anything", stored));

    [Theory]
    [InlineData(null, false)]
    [InlineData("abc", false)]
    [InlineData("abcd", true)]
    [InlineData("with\nnewline", false)]
    [InlineData("spaces are fine", true)]
    public void PasswordRules(string? password, bool accepted) => Assert.Equal(accepted, CodePassword.Problem(password) is null);

    [Fact]
    public void AHundredAndTwentyNineCharactersAreTooMany()
    {
        Assert.Null(CodePassword.Problem(new string('a', 128)));
        Assert.NotNull(CodePassword.Problem(new string('a', 129)));
    }
}
