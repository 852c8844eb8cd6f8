namespace QrAspire.AppHost.Services;

internal static class PlainHttpExtensions
{
    /// <summary>
    /// Every resource serves plain HTTP (or plain TCP) on this machine (the services' launch profiles and the
    /// dashboard's <c>http</c> profile), so no resource takes the ASP.NET Core development certificate. Without this,
    /// Aspire gives each project (and its own dashboard) a certificate hook by default and, finding no trusted
    /// development certificate, opens the dashboard with a red "No trusted development certificate" notification
    /// about HTTPS nothing here uses. Applied just before start, so that the dashboard resource Aspire adds is
    /// covered too.
    /// </summary>
    public static IDistributedApplicationBuilder WithoutDevelopmentCertificates(
        this IDistributedApplicationBuilder builder)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            // WithoutHttpsCertificate is marked for evaluation (ASPIRECERTIFICATES001); it is the documented way to
            // opt a resource out, and a change to it would show here at build time.
#pragma warning disable ASPIRECERTIFICATES001
            foreach (var resource in @event.Model.Resources)
            {
                // Projects, executables such as the dashboard, and the containers mode's Redis (which Aspire would
                // otherwise serve over TLS only on machines that trust a development certificate).
                if (resource is ProjectResource project)
                {
                    builder.CreateResourceBuilder(project).WithoutHttpsCertificate();
                }
                else if (resource is ExecutableResource executable)
                {
                    builder.CreateResourceBuilder(executable).WithoutHttpsCertificate();
                }
                else if (resource is ContainerResource container)
                {
                    builder.CreateResourceBuilder(container).WithoutHttpsCertificate();
                }
            }
#pragma warning restore ASPIRECERTIFICATES001

            return Task.CompletedTask;
        });
        return builder;
    }
}
