/** A promise that settles once `open()` is called, and whether it was: requests wait on it during a model switch. */
export interface Gate {
  readonly opened: Promise<void>;
  readonly isOpen: boolean;
  open(): void;
}

export function gate(): Gate {
  let resolve: () => void = () => undefined;
  const opened = new Promise<void>((settle) => {
    resolve = settle;
  });
  const state = {
    opened,
    isOpen: false,
    open() {
      state.isOpen = true;
      resolve();
    },
  };
  return state;
}
