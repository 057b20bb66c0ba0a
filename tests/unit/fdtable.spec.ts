import { FdTable } from "../../assembly/net/fdtable";

class Entry {
  constructor(public id: i32) {}
}

describe("FdTable", () => {
  it("hands out numbers from its base upward and looks them up", () => {
    const t = new FdTable<Entry>(3);
    expect(t.allocate(new Entry(1))).toBe(3);
    expect(t.allocate(new Entry(2))).toBe(4);
    expect(t.get(3)!.id).toBe(1);
    expect(t.get(4)!.id).toBe(2);
    expect(t.get(2)).toBeNull("below the base is not ours");
    expect(t.get(5)).toBeNull("never allocated");
    expect(t.get(-1)).toBeNull();
    expect(t.size).toBe(2);
  });

  it("reuses the lowest freed number first", () => {
    const t = new FdTable<Entry>(3);
    for (let i = 0; i < 10; i++) t.allocate(new Entry(i)); // 3..12
    t.release(9);
    t.release(5);
    t.release(7);
    expect(t.allocate(new Entry(100))).toBe(5);
    expect(t.allocate(new Entry(101))).toBe(7);
    expect(t.allocate(new Entry(102))).toBe(9);
    expect(t.allocate(new Entry(103))).toBe(13);
  });

  it("release returns the entry once, then null", () => {
    const t = new FdTable<Entry>(0);
    const fd = t.allocate(new Entry(7));
    expect(t.release(fd)!.id).toBe(7);
    expect(t.release(fd)).toBeNull();
    expect(t.size).toBe(0);
  });

  it("allocateAt far above the mark frees the gap for later allocations", () => {
    const t = new FdTable<Entry>(3);
    expect(t.allocateAt(10, new Entry(1))).toBe(10);
    expect(t.allocate(new Entry(2))).toBe(3);
    expect(t.allocate(new Entry(3))).toBe(4);
    expect(t.get(10)!.id).toBe(1);
  });

  it("skips a freed number that dup2 took back", () => {
    const t = new FdTable<Entry>(3);
    t.allocate(new Entry(1)); // 3
    t.allocate(new Entry(2)); // 4
    t.release(3);
    t.allocateAt(3, new Entry(3));
    expect(t.allocate(new Entry(4))).toBe(5);
    expect(t.get(3)!.id).toBe(3);
  });

  it("allocate with a floor takes the first free number at or above it", () => {
    const t = new FdTable<Entry>(3);
    for (let i = 0; i < 5; i++) t.allocate(new Entry(i)); // 3..7
    t.release(4);
    t.release(6);
    expect(t.allocate(new Entry(9), 5)).toBe(6);
    expect(t.allocate(new Entry(10), 20)).toBe(20);
    expect(t.allocate(new Entry(11))).toBe(4);
  });

  it("refuses to grow past its limit", () => {
    const t = new FdTable<Entry>(3, 6);
    expect(t.allocate(new Entry(1))).toBe(3);
    expect(t.allocate(new Entry(2))).toBe(4);
    expect(t.allocate(new Entry(3))).toBe(5);
    expect(t.allocate(new Entry(4))).toBe(-1);
    t.release(4);
    expect(t.allocate(new Entry(5))).toBe(4);
  });

  it("keeps the lowest-free order over many random frees", () => {
    const t = new FdTable<Entry>(0);
    for (let i = 0; i < 200; i++) t.allocate(new Entry(i));
    // free every third number, in a scrambled order
    for (let k = 0; k < 67; k++) t.release((k * 37) % 67 * 3);
    for (let expected = 0; expected < 200; expected += 3) {
      expect(t.allocate(new Entry(-1))).toBe(expected);
    }
    expect(t.allocate(new Entry(-1))).toBe(200);
  });
});
