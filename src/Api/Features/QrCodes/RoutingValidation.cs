using FluentValidation;
using FluentValidation.Results;

namespace QrAspire.Api.Features.QrCodes;

/// <summary>Hands each problem <see cref="RoutingChecks"/> finds to FluentValidation under its own JSON path.</summary>
internal static class RoutingValidation
{
    public static IRuleBuilderOptionsConditions<T, QrCodeRouting?> RoutingIsValid<T>(this IRuleBuilder<T, QrCodeRouting?> rule) =>
        rule.Custom((routing, context) =>
        {
            if (routing is null)
            {
                return;
            }

            foreach (var problem in RoutingChecks.Check(routing))
            {
                context.AddFailure(new ValidationFailure(problem.Field, problem.Message) { ErrorCode = problem.Code });
            }
        });
}
