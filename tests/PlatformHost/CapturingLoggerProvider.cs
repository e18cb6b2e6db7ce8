using System.Text;
using Microsoft.Extensions.Logging;

namespace UnionPlatform.Testing.PlatformHost;

/// <summary>
/// Keeps what the AppHost and its resources log (resource output arrives as categories "*.Resources.{name}") in
/// memory, so a failed start can say why. Bounded: only the recent part is kept.
/// </summary>
public sealed class CapturingLoggerProvider(StringBuilder sink) : ILoggerProvider
{
    private const int MaxChars = 200_000;

    public ILogger CreateLogger(string categoryName) => new Logger(sink, categoryName);

    public void Dispose() { }

    private sealed class Logger(StringBuilder sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = $"{DateTime.Now:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}";
            lock (sink)
            {
                if (sink.Length > MaxChars) sink.Remove(0, sink.Length - MaxChars / 2);
                sink.AppendLine(line);
            }
        }
    }
}
