extern alias api;

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Tests;

/// <summary>The outbox as the account's owner would see it in their mailbox.</summary>
internal static class Mailbox
{
    /// <summary>The token of the newest <paramref name="template"/> mail to <paramref name="email"/>.</summary>
    public static async Task<string> TokenAsync(WebApplicationFactory<api::Program> factory, string email, string template) =>
        JsonNode.Parse((await LatestAsync(factory, email, template)).Data)!["token"]!.GetValue<string>();

    public static async Task<EmailMessage> LatestAsync(WebApplicationFactory<api::Program> factory, string email, string template)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        return await db.EmailMessages.AsNoTracking().Where(m => m.To == email && m.Template == template)
            .OrderByDescending(m => m.CreatedAt).FirstAsync();
    }

    /// <summary>Runs <paramref name="work"/> on a fresh database context of the Api.</summary>
    public static async Task WithDatabaseAsync(WebApplicationFactory<api::Program> factory, Func<QrAspireDbContext, Task> work)
    {
        using var scope = factory.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<QrAspireDbContext>());
    }
}
