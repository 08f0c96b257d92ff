using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// HTTP/1.1 over a bare socket, for what HttpClient will not send (a bad request line, a signed Content-Length,
/// broken chunks, a body that stalls): writes the bytes as given and reads one response (Content-Length or chunked).
/// </summary>
internal static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    /// <summary>Sends <paramref name="parts"/> one after another and reads one response (the server may answer before taking all).</summary>
    public static async Task<Response> SendAsync(Uri server, params byte[][] parts) => (await SendAsync(server, 1, parts))[0];

    /// <summary>Sends the bytes, then reads <paramref name="responses"/> responses off the same connection.</summary>
    public static async Task<List<Response>> SendAsync(Uri server, int responses, params byte[][] parts)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (byte[] part in parts)
        {
            try
            {
                await stream.WriteAsync(part, timeout.Token);
            }
            catch (IOException)
            {
                break; // the server answered and closed before taking everything: read its answer
            }
        }
        var received = new List<byte>();
        var answers = new List<Response>();
        for (int i = 0; i < responses; i++)
        {
            answers.Add(await ReadAsync(stream, received, timeout.Token));
        }
        return answers;
    }

    /// <summary>A request head for <paramref name="path"/> with the given extra header lines, and the body after it.</summary>
    public static byte[] Request(string method, string path, string headers, byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"{method} /{path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n"), .. body];

    public static byte[] Chunk(string size, byte[] data) => [.. Encoding.ASCII.GetBytes(size + "\r\n"), .. data, (byte)'\r', (byte)'\n'];

    /// <summary>One response from <paramref name="received"/> and the stream; what follows it stays in <paramref name="received"/>.</summary>
    private static async Task<Response> ReadAsync(NetworkStream stream, List<byte> received, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int headEnd;
        while ((headEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("connection closed before a response head: " + Encoding.ASCII.GetString(received.ToArray()));
            }
            received.AddRange(buffer.AsSpan(0, read));
        }
        string[] lines = Encoding.ASCII.GetString(received.GetRange(0, headEnd).ToArray()).Split("\r\n");
        int status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var rest = received.GetRange(headEnd + 4, received.Count - headEnd - 4);
        while (IsComplete(headers, rest, out _) < 0)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }
            rest.AddRange(buffer.AsSpan(0, read));
        }
        int used = IsComplete(headers, rest, out byte[] body);
        received.Clear();
        received.AddRange(rest.Skip(Math.Max(used, 0)));
        return new Response(status, headers, body);
    }

    /// <summary>The bytes the body took when <paramref name="rest"/> holds all of it, else -1.</summary>
    private static int IsComplete(Dictionary<string, string> headers, List<byte> rest, out byte[] body)
    {
        if (headers.TryGetValue("Content-Length", out string? length))
        {
            int expected = int.Parse(length, CultureInfo.InvariantCulture);
            body = rest.Take(expected).ToArray();
            return rest.Count >= expected ? expected : -1;
        }
        return Dechunk(rest.ToArray(), out body);
    }

    private static int Dechunk(byte[] data, out byte[] body)
    {
        var output = new List<byte>();
        int at = 0;
        while (true)
        {
            int lineEnd = data.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                body = [.. output];
                return -1;
            }
            int size = int.Parse(Encoding.ASCII.GetString(data, at, lineEnd), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            at += lineEnd + 2;
            if (size == 0)
            {
                body = [.. output];
                return at + 2;
            }
            if (at + size + 2 > data.Length)
            {
                body = [.. output];
                return -1;
            }
            output.AddRange(data.AsSpan(at, size));
            at += size + 2;
        }
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> pattern) => bytes.ToArray().AsSpan().IndexOf(pattern);
}
