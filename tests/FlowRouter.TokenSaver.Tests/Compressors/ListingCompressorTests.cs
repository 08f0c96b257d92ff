using FlowRouter.TokenSaver.Compressors;
using FlowRouter.TokenSaver;

namespace FlowRouter.TokenSaver.Tests.Compressors;

/// <summary>Package, process, disk/wc, environment and log listings.</summary>
public sealed class ListingCompressorTests
{
    [Fact]
    public void PackageList_NpmTree_BecomesIndentedNames()
    {
        string npm = "express@5.2.1 /s/express\n├─┬ accepts@2.0.0\n│ └── mime-types@3.0.2 deduped\n└── after@0.8.2\n";
        Assert.Equal("express@5.2.1 /s/express\naccepts@2.0.0\n  mime-types@3.0.2 deduped\nafter@0.8.2\n", PackageListCompressor.Compress(npm));
    }

    [Fact]
    public void PackageList_BigNpmTree_FoldsDedupedChildrenOntoTheirParent()
    {
        string deduped = string.Concat(Enumerable.Range(1, 8).Select(i => $"│ ├── d{i}@1.0.{i} deduped\n"));
        string npm = "app@1.0.0 /s/app\n├─┬ body-parser@2.4.0\n" + deduped + "│ └─┬ raw-body@3.0.2\n│   ├── bytes@3.1.2 deduped\n│   └── unpipe@1.0.0\n"
            + "└── d1@1.0.1\n";
        string expected = PackageListCompressor.DedupedLegend + "\napp@1.0.0 /s/app\nbody-parser@2.4.0 ^ "
            + string.Join(" ", Enumerable.Range(1, 8).Select(i => $"d{i}@1.0.{i}")) + "\n  raw-body@3.0.2 ^ bytes@3.1.2\n    unpipe@1.0.0\nd1@1.0.1\n";
        Assert.Equal(expected, PackageListCompressor.Compress(npm));
    }

    [Fact]
    public void PackageList_FewDedupedEntries_StayOnTheirOwnLines()
    {
        string npm = "app@1.0.0 /s/app\n├─┬ accepts@2.0.0\n│ └── mime-types@3.0.2 deduped\n└── mime-types@3.0.2\n";
        Assert.Equal("app@1.0.0 /s/app\naccepts@2.0.0\n  mime-types@3.0.2 deduped\nmime-types@3.0.2\n", PackageListCompressor.Compress(npm));
    }

    [Fact]
    public void PackageList_PipAndDpkg_LosePaddingRulesLegendAndDescriptions()
    {
        Assert.Equal("Package Version\nattrs 26.1.0\n", PackageListCompressor.Compress("Package    Version\n---------- -------\nattrs      26.1.0\n"));
        string dpkg = "Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files\n|/ Err?=(none)/Reinst-required\n"
            + "||/ Name    Version  Architecture Description\n+++-=======-========-============-===========\nii  adduser 3.134    all          add and remove users\n";
        Assert.Equal("||/ Name Version Architecture\nii adduser 3.134 all\n[… 1 dpkg description omitted]\n", PackageListCompressor.Compress(dpkg));
    }

    [Fact]
    public void PackageList_DotnetListPackage_LosesTheRowPrefixAndPadding()
    {
        string list = "Project 'A.Tests' has the following package references\n   [net10.0]: \n   Top-level Package      Requested   Resolved\n"
            + "   > xunit                2.9.3       2.9.3   \n\n   Transitive Package      Resolved\n   > xunit.core            2.9.3\n";
        Assert.Equal("Project 'A.Tests' has the following package references\n[net10.0]:\nTop-level Package Requested Resolved\nxunit 2.9.3 2.9.3\n"
            + "Transitive Package Resolved\nxunit.core 2.9.3\n", PackageListCompressor.Compress(list));
    }

    private const string DpkgLegend = "Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files\n|/ Err?=(none)/Reinst-required\n"
        + "||/ Name    Version  Architecture Description\n+++-=======-========-============-===========\n";

    private static string DpkgRows(int count, string status = "ii") =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"{status}  pkg{i}    1.{i}-1    {(i % 3 == 0 ? "all  " : "amd64")}        package number {i}\n"));

    [Fact]
    public void PackageList_DpkgWithManyRows_SaysTheSharedStatusAndArchitectureOnce()
    {
        string expected = "[… repeated columns omitted: status ii on every row; architecture amd64 where a row names none]\n"
            + "Name Version Architecture\npkg1 1.1-1\npkg2 1.2-1\npkg3 1.3-1 all\npkg4 1.4-1\npkg5 1.5-1\npkg6 1.6-1 all\n"
            + "pkg7 1.7-1\npkg8 1.8-1\npkg9 1.9-1 all\npkg10 1.10-1\npkg11 1.11-1\npkg12 1.12-1 all\n[… 12 dpkg descriptions omitted]\n";
        Assert.Equal(expected, PackageListCompressor.Compress(DpkgLegend + DpkgRows(12)));
    }

    [Fact]
    public void PackageList_DpkgWithMixedStatus_KeepsTheStatusOnEveryRow()
    {
        string output = PackageListCompressor.Compress(DpkgLegend + DpkgRows(11) + "rc  oldpkg  0.9-2    amd64        removed, config kept\n")!;
        Assert.StartsWith("[… repeated columns omitted: architecture amd64 where a row names none]\n||/ Name Version Architecture\nii pkg1 1.1-1\n", output, StringComparison.Ordinal);
        Assert.Contains("\nii pkg3 1.3-1 all\n", output, StringComparison.Ordinal);
        Assert.Contains("\nrc oldpkg 0.9-2\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageList_DpkgWithoutArchitectureColumn_KeepsNameAndVersionOnly()
    {
        string old = "Desired=Unknown/Install/Remove/Purge/Hold\n||/ Name    Version  Description\n+++-=======-========-===========\n"
            + "ii  adduser 3.112    add and remove users\nii  apt     1.8.2    commandline package manager\n";
        Assert.Equal("||/ Name Version\nii adduser 3.112\nii apt 1.8.2\n[… 2 dpkg descriptions omitted]\n", PackageListCompressor.Compress(old));
    }

    [Fact]
    public void PackageList_DpkgQueryMessages_StayAsTheyAre()
    {
        string output = PackageListCompressor.Compress(DpkgLegend + DpkgRows(2) + "dpkg-query: no packages found matching nosuchpkg\n")!;
        Assert.EndsWith("ii pkg2 1.2-1 amd64\ndpkg-query: no packages found matching nosuchpkg\n[… 2 dpkg descriptions omitted]\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageList_DpkgLegendWithoutRows_IsLeftAsItIs() => Assert.Null(PackageListCompressor.Compress(DpkgLegend));

    [Fact]
    public void PackageList_DpkgMessagePrintedIntoADescription_IsKept()
    {
        string output = PackageListCompressor.Compress(DpkgLegend + DpkgRows(2)
            + "ii  six     1.16.0-4    all          Python dpkg-query: no packages found matching nosuchpkg*\n")!;
        Assert.Contains("\nii six 1.16.0-4 all dpkg-query: no packages found matching nosuchpkg*\n", output, StringComparison.Ordinal);
    }

    private static string PipVerbose(Func<int, string> location, Func<int, string> installer) =>
        "Package   Version Location                       Installer\n--------- ------- ------------------------------ ---------\n"
        + string.Concat(Enumerable.Range(1, 6).Select(i => $"pkg{i}      1.{i}.0   {location(i),-30} {installer(i)}\n".Replace(" \n", "\n", StringComparison.Ordinal)));

    [Fact]
    public void PackageList_PipListVerbose_SaysASharedLocationAndInstallerOnce()
    {
        string table = PipVerbose(_ => "/usr/lib/python3/dist-packages", _ => "pip") + "\n[notice] A new release of pip is available: 24.0 -> 25.1\n";
        string expected = "[… repeated columns omitted: Location /usr/lib/python3/dist-packages; Installer pip]\nPackage Version\n"
            + string.Concat(Enumerable.Range(1, 6).Select(i => $"pkg{i} 1.{i}.0\n")) + "\n[notice] A new release of pip is available: 24.0 -> 25.1\n";
        Assert.Equal(expected, PackageListCompressor.Compress(table));
        Assert.Equal(OutputKinds.PackageList, ToolOutputCompressor.Detect(table));
    }

    [Fact]
    public void PackageList_PipListVerbose_KeepsAColumnThatDiffersOrHasEmptyCells()
    {
        string table = PipVerbose(i => i == 2 ? "/root/.local/lib/python3.11 x" : "/usr/lib/python3/dist-packages", i => i == 3 ? "" : "pip");
        string output = PackageListCompressor.Compress(table)!;
        Assert.DoesNotContain("repeated columns", output, StringComparison.Ordinal);
        Assert.Contains("\npkg2 1.2.0 /root/.local/lib/python3.11 x pip\npkg3 1.3.0 /usr/lib/python3/dist-packages\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageList_PipTableWithACellWiderThanItsRule_IsNotCutByTheRule()
    {
        string table = PipVerbose(i => i == 4 ? "/opt/a-location-wider-than-the-rule" : "/usr/lib/python3/dist-packages", _ => "pip");
        string output = PackageListCompressor.Compress(table)!;
        Assert.DoesNotContain("repeated columns", output, StringComparison.Ordinal);
        Assert.Contains("\npkg4 1.4.0 /opt/a-location-wider-than-the-rule pip\n", output, StringComparison.Ordinal);
    }

    private static string Outdated(int rows, Func<int, string> location) =>
        "Package   Current  Wanted  Latest  Location              Depended by\n"
        + string.Concat(Enumerable.Range(1, rows).Select(i => $"pkg{i}       1.0.{i}   1.1.{i}   2.0.0  {location(i)}     app\n"));

    [Fact]
    public void PackageList_NpmOutdated_SaysLocationAndDependentOnceWhenEveryRowRepeatsThem()
    {
        string expected = "[… repeated columns omitted: Location node_modules/<Package>; Depended by app]\nPackage Current Wanted Latest\n"
            + string.Concat(Enumerable.Range(1, 6).Select(i => $"pkg{i} 1.0.{i} 1.1.{i} 2.0.0\n"));
        Assert.Equal(expected, PackageListCompressor.Compress(Outdated(6, i => $"node_modules/pkg{i}")));
    }

    [Fact]
    public void PackageList_NpmOutdated_KeepsALocationThatIsNotTheTopLevelFolder()
    {
        string output = PackageListCompressor.Compress(Outdated(6, i => i == 4 ? "node_modules/a/node_modules/pkg4" : $"node_modules/pkg{i}"))!;
        Assert.StartsWith("[… repeated columns omitted: Depended by app]\nPackage Current Wanted Latest Location\n", output, StringComparison.Ordinal);
        Assert.Contains("\npkg4 1.0.4 1.1.4 2.0.0 node_modules/a/node_modules/pkg4\n", output, StringComparison.Ordinal);
        Assert.Contains("\npkg5 1.0.5 1.1.5 2.0.0 node_modules/pkg5\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageList_ShortNpmOutdated_OnlyLosesItsPadding()
    {
        string table = Outdated(3, i => $"node_modules/pkg{i}");
        Assert.Equal(string.Concat(table.Split('\n').Where(l => l.Length > 0).Select(l => FlowRouter.TokenSaver.Text.Lines.Squeeze(l) + "\n")), PackageListCompressor.Compress(table));
    }

    [Fact]
    public void Ps_Aux_KeepsPidCpuMemStatCommandAndSaysWhatWent()
    {
        string ps = "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n"
            + "root           1  0.0  0.0   8548  4440 ?        R    16:42   0:00 ps aux\n"
            + "root         168 56.7  0.4 1038960 99120 ?       Rl   16:42   0:01      \\_ node /s/mocha --reporter dot\n";
        Assert.Equal("[… VSZ, RSS, TTY, START, TIME columns; user root; %MEM (under 1 for all) omitted]\nPID %CPU STAT COMMAND\n1 0.0 R ps aux\n168 56.7 Rl      \\_ node /s/mocha --reporter dot\n",
            ProcessListCompressor.Compress(ps));
        string bigMemory = ps.Replace(" 0.4 1038960", "12.4 1038960", StringComparison.Ordinal);
        Assert.Contains("168 56.7 12.4 Rl", ProcessListCompressor.Compress(bigMemory), StringComparison.Ordinal);
    }

    [Fact]
    public void Ps_LongCommand_IsCutAtASpaceAfterSixtyCharactersAndSaidOnce()
    {
        string flags = string.Join(' ', Enumerable.Range(1, 30).Select(i => "-Wflag" + i));
        string ps = "  PID COMMAND\n  245 /usr/bin/cc " + flags + " -c /s/test.c\n  246 make -j2\n";
        string output = ProcessListCompressor.Compress(ps)!;
        string[] lines = output.Split('\n');
        Assert.Equal("[… the arguments after … of 1 long command omitted]", lines[0]);
        Assert.StartsWith("245 /usr/bin/cc -Wflag1 -Wflag2", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("…", lines[2], StringComparison.Ordinal);
        Assert.True(lines[2].Length <= "245 ".Length + ProcessListCompressor.MaxCommand + 1);
        Assert.Equal("246 make -j2", lines[3]);
    }

    [Theory]
    [InlineData("node app.js", "node app.js")]
    [InlineData("     \\_ /bin/sh -c /usr/bin/cmake -E cmake_echo_color --switch= --green --progress-dir=/home/dev/x",
        "     \\_ /bin/sh -c /usr/bin/cmake -E cmake_echo_color --switch=…")]
    [InlineData("npm exec mocha --require test/support/env --reporter dot test/", "npm exec mocha --require test/support/env --reporter dot test/")]
    public void Ps_Shorten_DoesNotCountTheTreeDrawing(string command, string expected) =>
        Assert.Equal(expected, ProcessListCompressor.Shorten(command));

    [Fact]
    public void Ps_Shorten_KeepsTheFirstThreeWordsWhole()
    {
        string word = new('a', 50);
        Assert.Equal($"{word} {word} {word}…", ProcessListCompressor.Shorten($"{word} {word} {word} {word}"));
        Assert.Equal($"{word} {word} {word}", ProcessListCompressor.Shorten($"{word} {word} {word}"));
        Assert.Equal($"{word} {word} {word} -x", ProcessListCompressor.Shorten($"{word} {word} {word} -x"));
    }

    [Fact]
    public void Table_DfAndWc_LosePaddingAndRepeatedRows()
    {
        string df = "Filesystem      Size  Used Avail Use% Mounted on\n/dev/vda        252G   17G   77G  18% /\n/dev/vda        252G   17G   77G  18% /\n";
        Assert.Equal("Filesystem Size Used Avail Use% Mounted on\n/dev/vda 252G 17G 77G 18% /\n", TableCompressor.Compress(df));
        Assert.Equal("4129 a_test.go\n15226 total\n", TableCompressor.Compress("  4129 a_test.go\n 15226 total\n"));
    }

    [Fact]
    public void Env_HugeValue_IsShortenedButPathsAreNot()
    {
        string colors = new('x', 1000);
        string path = string.Join(':', Enumerable.Repeat("/usr/local/bin", 40));
        string output = EnvCompressor.Compress($"LS_COLORS={colors}\nPATH={path}\nHOME=/root\n")!;
        Assert.Contains("LS_COLORS=" + new string('x', 80) + "…[+920 chars]", output, StringComparison.Ordinal);
        Assert.Contains("PATH=" + path + "\n", output, StringComparison.Ordinal);
        Assert.Null(EnvCompressor.Compress("HOME=/root\nUSER=root\n"));
    }

    [Fact]
    public void Env_AlignedKeyValueTable_LosesPaddingAndHalfItsIndentation()
    {
        string info = ".NET SDK:\n Version:           10.0.401\n\nHost:\n  Version:      10.0.12\n    Nested:   x\n";
        Assert.Equal(".NET SDK:\n Version: 10.0.401\n\nHost:\n Version: 10.0.12\n  Nested: x\n", EnvCompressor.Compress(info));
        Assert.Null(EnvCompressor.Compress("PS1=a  b\nHOME=/root\n"));
    }

    [Fact]
    public void Log_RepeatedAndSimilarLines_AreFolded()
    {
        string repeated = "start\n" + string.Concat(Enumerable.Repeat("retrying connection\n", 5)) + "done\n";
        Assert.Equal("start\nretrying connection\n[… 4 identical lines omitted]\ndone\n", LogCompressor.Compress(repeated));
        string log = string.Concat(Enumerable.Range(10, 6).Select(i => $"2026-01-01 12:00:{i} INFO heartbeat seq={i}\n"));
        Assert.Equal("2026-01-01 12:00:10 INFO heartbeat seq=10\n[… 4 similar lines omitted]\n2026-01-01 12:00:15 INFO heartbeat seq=15\n", LogCompressor.CompressLog(log));
        Assert.Null(LogCompressor.Compress("seed_1.json\nseed_10.json\nseed_11.json\nseed_12.json\n"));
    }
}
