import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Provider } from 'urql';
import { AuthProvider, useAuth } from './auth';
import { createClient } from './client';
import { AppRoutes } from './routes';
import { SignInPage } from './signin/SignInPage';
import './styles.css';

function App() {
  const { apiKey, signOut } = useAuth();
  const client = useMemo(() => (apiKey ? createClient(apiKey, signOut) : null), [apiKey, signOut]);
  if (!client) return <SignInPage />;
  return (
    <Provider value={client}>
      <AppRoutes />
    </Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter basename="/admin">
      <AuthProvider>
        <App />
      </AuthProvider>
    </BrowserRouter>
  </StrictMode>,
);
