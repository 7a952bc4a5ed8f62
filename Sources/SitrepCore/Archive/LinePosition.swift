/// Where a line starts in the file it was read from: its byte offset in one generation of the
/// file, named by device and inode so a rotated or re-created file is never taken for it.
public struct LinePosition: Sendable, Hashable {
  public var offset: Int
  public var device: UInt64
  public var inode: UInt64

  public init(offset: Int, device: UInt64, inode: UInt64) {
    self.offset = offset
    self.device = device
    self.inode = inode
  }
}
