// Downloads a file the server streamed over the circuit (Components/Shared/Downloads.cs).
window.unionPlatform = {
  download: async (fileName, streamReference) => {
    const blob = new Blob([await streamReference.arrayBuffer()]);
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName ?? "";
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  },
};
