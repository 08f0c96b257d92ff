using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>What the test-output compressor left out, for its closing marker.</summary>
internal sealed class TestTally
{
    public int Passing { get; set; }
    public int LibraryFrames { get; set; }
    public int Progress { get; set; }
    public int SourceLines { get; set; }
    public int Noise { get; set; }
    public int Repeated { get; set; }
    public int Captured { get; set; }
    public int ValueDiffs { get; set; }
    public int SuiteTitles { get; set; }

    /// <summary>Lines a runner rule recognised and kept (failure blocks, section rules, user frames).</summary>
    public int Recognised { get; set; }

    public int Total => Passing + LibraryFrames + Progress + SourceLines + Noise + Repeated + Captured + ValueDiffs + SuiteTitles;

    public string? Marker() => Text.Marker.OmittedList(
        (Passing, Passing == 1 ? "passing test" : "passing tests"),
        (LibraryFrames, "library stack frames"),
        (SourceLines, "test source lines"),
        (Repeated, "lines of repeated failures"),
        (Captured, "captured output lines"),
        (ValueDiffs, "expected/actual diff lines (the error line states both)"),
        (SuiteTitles, "suite title lines"),
        (Progress, "progress lines"),
        (Noise, "build and runner lines"));
}
