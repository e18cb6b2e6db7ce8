namespace UnionPlatform.Benchmarks;

/// <summary>What every scenario gets: the host, the run's options and report, meters, and the union built at start.</summary>
public sealed record Bench(BenchHost Host, Options O, Report Report, CpuMeter Cpu, Broker Broker, Guid District, Guid Union, Guid Enterprise);
