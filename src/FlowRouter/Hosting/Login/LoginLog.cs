using System.Net;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Hosting.Login;

/// <summary>The admin login audit lines: who signed in how and from where; never a password, token or session id.</summary>
internal static partial class LoginLog
{
    public const string Category = "FlowRouter.AdminLogin";

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "admin login method={Method} from={Address}")]
    public static partial void Succeeded(ILogger logger, LoginMethod method, IPAddress? address);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "admin login failed method={Method} from={Address}")]
    public static partial void Failed(ILogger logger, LoginMethod method, IPAddress? address);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "admin login locked out from={Address} for {Seconds} s after repeated failures")]
    public static partial void LockedOut(ILogger logger, IPAddress? address, int seconds);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "the stored admin password hash cannot be used: {Problem}; set it again with 'flowrouter admin password'")]
    public static partial void UnusableHash(ILogger logger, string problem);

    [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "admin password {Change} through the admin API from={Address}")]
    public static partial void PasswordChanged(ILogger logger, string change, IPAddress? address);

    [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "OIDC login refused: subject={Subject} email={Email} is not in server.oidc allowed_subjects / allowed_emails")]
    public static partial void OidcRefused(ILogger logger, string subject, string email);

    [LoggerMessage(EventId = 46, Level = LogLevel.Warning, Message = "OIDC login failed: {Problem}")]
    public static partial void OidcFailed(ILogger logger, string problem);
}
