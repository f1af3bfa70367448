// One broken panel must not blank the page: show what failed and offer a retry.
import { Component, type ReactNode } from "react";

interface Props {
  name: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | undefined }> {
  override state = { error: undefined as Error | undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error)
      return (
        <div className="panel-error" role="alert">
          <p>
            The {this.props.name} panel failed: <code>{this.state.error.message}</code>
          </p>
          <button type="button" onClick={() => this.setState({ error: undefined })}>
            Retry
          </button>
        </div>
      );
    return this.props.children;
  }
}
