using QrAspire.Api.Features.Rendering;
using QrAspire.QrCodes.Rendering;

namespace QrAspire.Api.Hosting;

internal static class RenderingServicesExtensions
{
    /// <summary>
    /// The process's one render budget (<c>RENDER_MEMORY_BUDGET_MB</c>, <c>RENDER_MAX_CONCURRENT</c>, <c>RENDER_QUEUE_*</c>),
    /// the limits of anonymous rendering, and the renderer that admits every render through the budget.
    /// </summary>
    public static void AddRendering(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new RenderBudget(RenderBudgetSettings.From(builder.Configuration)));
        builder.Services.AddSingleton(AnonymousRenderLimits.From(builder.Configuration));
        builder.Services.AddScoped<QrImages>();
    }
}
